const config = { stories: ["../src/**/*.stories.tsx"], framework: "@storybook/react-vite" };
export default config;
