// Okabe-Ito colours, darkened where needed for 3:1 contrast against white; safe for colour-blind readers.
export const PALETTE = ['#0072B2', '#C75000', '#007A5A', '#A8467F', '#3A7DA8', '#7A6A00', '#555555'] as const;
export const MUTED = '#B8C2CC';
export const INK = '#1F2933';
export const GRID = '#E4E7EB';
