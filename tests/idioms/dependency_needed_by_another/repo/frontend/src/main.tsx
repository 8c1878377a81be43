import "./styles.css";
import Editor from "md-editor";
import { appWithTranslation } from "next-i18next";
import { LineChart } from "chart-kit";
fetch("/api/models");
export const App = appWithTranslation(() => <><LineChart /><Editor /></>);
