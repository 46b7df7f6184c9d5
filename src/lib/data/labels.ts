import type { Lang } from '../format/number';

// English labels for the category values stored in Chinese in the firm tables.
const VALUE_LABELS: Record<string, string> = {
  电子关键元器件: 'Key electronic components',
  印刷电路板: 'Printed circuit boards',
  智能家电: 'Smart home appliances',
  汽车电子: 'Automotive electronics',
  LED照明器件: 'LED lighting devices',
  江南街道: 'Jiangnan Subdistrict',
  外海街道: 'Waihai Subdistrict',
  礼乐街道: 'Lile Subdistrict',
  规上: 'Above designated size',
  规下: 'Below designated size',
  省级专精特新: 'Provincial SRDI',
  国家级小巨人: 'National “little giant”',
  无: 'No SRDI title',
};

const ZH_OVERRIDES: Record<string, string> = {
  规上: '规模以上',
  规下: '规模以下',
  无: '非专精特新',
};

/** Display label of a category value in the given language; unknown values show as they are. */
export function valueLabel(value: unknown, lang: Lang): string {
  const s = value === null || value === undefined ? '—' : String(value);
  if (lang === 'en') return VALUE_LABELS[s] ?? s;
  return ZH_OVERRIDES[s] ?? s;
}
