export default function slugPlugin() { return "slug"; }
