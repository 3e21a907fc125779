/**
 * Sapporo's ten wards. The code is what travels in `meta.ward` and in answers to
 * "ward of residence" questions, so that both can be weighted against the same
 * population margins (shared/reference/sapporo-ward-population-2021.csv).
 */
export const WARDS = [
  { code: 'chuo', ja: '中央区', en: 'Chuo' },
  { code: 'kita', ja: '北区', en: 'Kita' },
  { code: 'higashi', ja: '東区', en: 'Higashi' },
  { code: 'shiroishi', ja: '白石区', en: 'Shiroishi' },
  { code: 'atsubetsu', ja: '厚別区', en: 'Atsubetsu' },
  { code: 'toyohira', ja: '豊平区', en: 'Toyohira' },
  { code: 'kiyota', ja: '清田区', en: 'Kiyota' },
  { code: 'minami', ja: '南区', en: 'Minami' },
  { code: 'nishi', ja: '西区', en: 'Nishi' },
  { code: 'teine', ja: '手稲区', en: 'Teine' },
] as const;

export type WardCode = (typeof WARDS)[number]['code'];

export const WARD_CODES: readonly WardCode[] = WARDS.map((w) => w.code);

export function isWardCode(value: unknown): value is WardCode {
  return typeof value === 'string' && (WARD_CODES as readonly string[]).includes(value);
}
