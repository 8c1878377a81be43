// no stylesheet or module loads it: dead
export default { theme: "light" };
