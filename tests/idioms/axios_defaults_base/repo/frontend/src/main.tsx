import axios from "axios";
import "./setup";

axios.get("stats");
axios.post("/jobs", {});
