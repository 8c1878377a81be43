// a template outside emails/, declaring its preview props
export default function Invite({ team }: { team: string }) {
  return <div>{team}</div>;
}
Invite.PreviewProps = { team: "acme" };
