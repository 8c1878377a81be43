export function formatDate() { return ""; }
// deadcode: keep public helper of the embed widget
export function formatMoney() { return ""; }
export function formatLegacy() { return ""; }
