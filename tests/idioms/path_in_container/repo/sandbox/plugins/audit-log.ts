export const auditLog = (event: string) => console.log(event);
