import Home from "@/oss/pages/Home";
export default Home;
