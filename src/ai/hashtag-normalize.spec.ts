import { normalizeHashtag } from './hashtag-normalize';

describe('normalizeHashtag', () => {
  it.each([
    ['#Meal_Prep ', 'meal_prep'],
    ['mealprep', 'mealprep'],
    ['##Keto', 'keto'],
    ['  #2024goals', '2024goals'],
    ['＃Ｖｅｇａｎ', 'vegan'],
    ['ab', 'ab'],
    ['a'.repeat(50), 'a'.repeat(50)],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normalizeHashtag(raw)).toBe(expected);
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
    expect(normalizeHashtag(raw)).toBeNull();
  });
});
