export const consent = () => "ok";
