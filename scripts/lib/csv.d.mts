/** Parses RFC 4180 CSV text (header row first) into objects of raw field strings. */
export function parseCsv(text: string): Record<string, string>[];
