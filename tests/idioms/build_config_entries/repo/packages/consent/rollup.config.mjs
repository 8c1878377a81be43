const SCRIPTS = [{ name: "consent" }, { name: "consent-ext-gpp" }];

export default SCRIPTS.map(({ name }) => ({
  input: `src/${name}.ts`,
  output: { file: `dist/${name}.js`, format: "iife" },
}));
