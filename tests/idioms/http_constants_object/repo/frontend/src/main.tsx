import axios from "axios";
import { MEMORY_ENDPOINTS } from "./utils/api-endpoints";

axios.get(MEMORY_ENDPOINTS.BASE);
axios.delete(MEMORY_ENDPOINTS.BY_ID("m1"));
