/** pg returns bigint columns as strings; these keep the conversions in one place. */
export function ms(v: unknown): number {
  return Number(v);
}

export function msOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
