import { withTheme } from "../src/decorators/withTheme";

export const decorators = [withTheme];
