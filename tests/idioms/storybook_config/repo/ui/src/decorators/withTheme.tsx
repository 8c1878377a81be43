export function withTheme(Story: () => JSX.Element) { return <div className="theme"><Story /></div>; }
