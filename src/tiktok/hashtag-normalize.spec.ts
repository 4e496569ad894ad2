import { normalizeHashtag } from './hashtag-normalize';

describe('normalizeHashtag.pick (the LLM answer, the local extractor)', () => {
  it.each([
    ['#Meal_Prep ', 'meal_prep'],
    ['mealprep', 'mealprep'],
    ['##Keto', 'keto'],
    ['  #2024goals', '2024goals'],
    ['＃Ｖｅｇａｎ', 'vegan'],
    ['ab', 'ab'],
    ['a'.repeat(50), 'a'.repeat(50)],
  ])('normalizes %j to %j', (raw, expected) => {
    expect(normalizeHashtag.pick(raw)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['#', 'only a hash'],
    ['a', 'too short'],
    ['a'.repeat(51), 'too long'],
    ['meal prep', 'inner space'],
    ['meal-prep', 'hyphen'],
    ['fypシ', 'non-latin character'],
    ['café', 'accented letter'],
    ['料理', 'other script'],
    ['___', 'underscores only'],
    ['#foo#bar', 'inner hash'],
  ])('rejects %j (%s)', (raw) => {
    expect(normalizeHashtag.pick(raw)).toBeNull();
  });
});

describe('normalizeHashtag.searchInput (what a client searches)', () => {
  it('strips one leading # and lower-cases', () => {
    expect(normalizeHashtag.searchInput('#MealPrep')).toBe('mealprep');
    expect(normalizeHashtag.searchInput(' meal_prep ')).toBe('meal_prep');
    expect(normalizeHashtag.searchInput('café')).toBe('café');
  });

  it.each(['', '#', '##x', 'two words', 'a-b', 'x'.repeat(101), '#tag!', 'tag\n', 42])(
    'rejects %p',
    (input) => {
      expect(normalizeHashtag.searchInput(input)).toBeNull();
    },
  );
});

describe('normalizeHashtag.parsed (a tag in an Ensemble payload)', () => {
  it('keeps any script, drops the # and lower-cases; non-strings become empty', () => {
    expect(normalizeHashtag.parsed('#Café')).toBe('café');
    expect(normalizeHashtag.parsed('##料理 ')).toBe('料理');
    expect(normalizeHashtag.parsed(7)).toBe('');
  });
});

describe('normalizeHashtag.bare (comparing tags)', () => {
  it('trims, drops leading #s and lower-cases without validating', () => {
    expect(normalizeHashtag.bare(' ##Meal Prep')).toBe('meal prep');
  });
});
