export default { theme: "dark" };
