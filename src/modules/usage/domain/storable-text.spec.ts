import { isStorableText } from './storable-text';

describe('isStorableText', () => {
  it.each<[string, boolean]>([
    ['plain', true],
    ['', true],
    ['é and 😀 (a surrogate pair)', true],
    ['nul \u0000 inside', false],
    ['lone high \ud800', false],
    ['lone low \udfff first', false],
    ['pair reversed \udfff\ud800', false],
  ])('%j -> %p', (text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });
});
