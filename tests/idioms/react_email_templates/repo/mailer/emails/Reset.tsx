// no code sends it, but the preview server renders every template in emails/
export default function Reset() {
  return <div>reset</div>;
}
