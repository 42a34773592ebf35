import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string; country: string } | { ok: false; reason: string };

/** Normalise any written form of a number to E.164, national numbers read in `defaultRegion`. */
export function normalisePhone(raw: string, defaultRegion: string): PhoneResult {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'empty phone number' };
  const parsed = parsePhoneNumberFromString(text, defaultRegion as CountryCode);
  if (!parsed) return { ok: false, reason: 'not a phone number' };
  if (!parsed.isValid()) return { ok: false, reason: 'invalid number for its region' };
  return { ok: true, e164: parsed.number, country: parsed.country ?? '' };
}

/** Country of an E.164 number ('' when unknown). */
export function countryOf(e164: string): string {
  return parsePhoneNumberFromString(e164)?.country ?? '';
}

/**
 * Time zones a number may be in when the lead carries none. Countries spanning several zones
 * list them all: calling hours must hold in every one (the conservative reading regulators expect).
 */
const COUNTRY_ZONES: Record<string, string[]> = {
  CN: ['Asia/Shanghai'],
  HK: ['Asia/Hong_Kong'],
  MO: ['Asia/Macau'],
  TW: ['Asia/Taipei'],
  SG: ['Asia/Singapore'],
  MY: ['Asia/Kuala_Lumpur'],
  JP: ['Asia/Tokyo'],
  KR: ['Asia/Seoul'],
  IN: ['Asia/Kolkata'],
  GB: ['Europe/London'],
  IE: ['Europe/Dublin'],
  DE: ['Europe/Berlin'],
  FR: ['Europe/Paris'],
  ES: ['Europe/Madrid'],
  IT: ['Europe/Rome'],
  NL: ['Europe/Amsterdam'],
  US: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'],
  CA: ['America/St_Johns', 'America/Halifax', 'America/Toronto', 'America/Winnipeg', 'America/Edmonton', 'America/Vancouver'],
  AU: ['Australia/Sydney', 'Australia/Brisbane', 'Australia/Adelaide', 'Australia/Perth'],
  BR: ['America/Sao_Paulo', 'America/Manaus'],
  MX: ['America/Mexico_City', 'America/Tijuana'],
};

export function zonesForCountry(country: string): string[] {
  return COUNTRY_ZONES[country] ?? [];
}
