export function Header() {
  return <header>Research</header>;
}
