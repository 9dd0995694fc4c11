/**
 * ISO 4217 List One, alphabetic codes in force as of 2026 (HRK, ANG, ZWL and BGN withdrawn).
 * Codes without a minor unit (precious metals, bond units, XDR, XSU, XUA, XTS, XXX) are left
 * out: an invoice cannot be rounded in them. Revisit on each ISO amendment.
 */
const ACTIVE_CODES = codeSet(`
  AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD
  BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF
  DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG
  HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK
  LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN
  NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
  SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
  TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG
  XOF XPF YER ZAR ZMW ZWG
`);

// UYI, Uruguay's indexed unit, is a fund code with 0 decimals per ISO.
const ZERO_DECIMAL_CODES = codeSet(`
  JPY KRW CLP ISK VND XAF XOF XPF UGX PYG RWF KMF GNF DJF BIF VUV UYI
`);
const THREE_DECIMAL_CODES = codeSet('BHD IQD JOD KWD LYD OMR TND');
// Chile's UF and Uruguay's wage index are quoted to 4 decimals; 2 would silently round them.
const FOUR_DECIMAL_CODES = codeSet('CLF UYW');

/** Case-sensitive on purpose: stored codes are upper case, so 'usd' is a bug upstream. */
export function isCurrencyCode(code: string): boolean {
  return typeof code === 'string' && ACTIVE_CODES.has(code);
}

/** Decimals of the currency's minor unit; throws for a code that is not an active ISO 4217 code. */
export function minorUnits(code: string): number {
  assertCurrencyCode(code);
  if (ZERO_DECIMAL_CODES.has(code)) return 0;
  if (THREE_DECIMAL_CODES.has(code)) return 3;
  if (FOUR_DECIMAL_CODES.has(code)) return 4;
  return 2;
}

export function assertCurrencyCode(code: string): void {
  if (!isCurrencyCode(code)) {
    throw new Error(
      `Unknown currency code ${JSON.stringify(code)}: expected an active ISO 4217 code such as "USD"`,
    );
  }
}

function codeSet(codes: string): ReadonlySet<string> {
  return new Set(codes.trim().split(/\s+/));
}
