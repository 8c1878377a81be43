// nothing imports it: dead
export function OldBanner() {
  return <div>old</div>;
}
