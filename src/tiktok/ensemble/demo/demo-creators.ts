import { NICHE_SEEDS, type DemoNiche } from './demo-niches.seed';

export interface DemoCreatorSeed {
  username: string;
  nickname: string;
  niche: DemoNiche;
  bio: string;
  region: string;
  followers: number;
  following: number;
  verified: boolean;
}

export interface DemoCreator {
  username: string;
  nickname: string;
  niche: DemoNiche;
  /** The niche hashtags the creator posts with (also searchable in demo mode). */
  hashtags: readonly string[];
}

export const DEMO_CREATOR_SEEDS: readonly DemoCreatorSeed[] = [
  {
    username: 'demo_fitness_fiona',
    nickname: 'Fiona Fit (demo)',
    niche: 'fitness',
    bio: 'Strength coach. 20-minute workouts for busy people. Demo account.',
    region: 'US',
    followers: 248_300,
    following: 312,
    verified: false,
  },
  {
    username: 'demo_cooking_carlos',
    nickname: 'Carlos Cooks (demo)',
    niche: 'cooking',
    bio: 'Weeknight dinners in 15 minutes. Demo account.',
    region: 'ES',
    followers: 1_204_000,
    following: 187,
    verified: true,
  },
  {
    username: 'demo_tech_tara',
    nickname: 'Tara Tech (demo)',
    niche: 'tech',
    bio: 'Gadgets, desk setups and code. Demo account.',
    region: 'GB',
    followers: 86_450,
    following: 540,
    verified: false,
  },
  {
    username: 'demo_travel_theo',
    nickname: 'Theo Travels (demo)',
    niche: 'travel',
    bio: 'Budget trips and hidden gems. Demo account.',
    region: 'AU',
    followers: 412_900,
    following: 233,
    verified: false,
  },
  {
    username: 'demo_beauty_bella',
    nickname: 'Bella Beauty (demo)',
    niche: 'beauty',
    bio: 'Makeup artist. Skincare for real skin. Demo account.',
    region: 'CA',
    followers: 2_310_000,
    following: 98,
    verified: true,
  },
  {
    username: 'demo_gaming_gus',
    nickname: 'Gus Games (demo)',
    niche: 'gaming',
    bio: 'Speedruns, indies and retro finds. Demo account.',
    region: 'DE',
    followers: 57_120,
    following: 801,
    verified: false,
  },
  {
    username: 'demo_pets_penny',
    nickname: 'Penny & Paws (demo)',
    niche: 'pets',
    bio: 'Two rescue dogs, one opinionated cat. Demo account.',
    region: 'US',
    followers: 731_600,
    following: 156,
    verified: false,
  },
  {
    username: 'demo_finance_felix',
    nickname: 'Felix Finance (demo)',
    niche: 'finance',
    bio: 'Budgeting without the guilt. Not financial advice. Demo account.',
    region: 'GB',
    followers: 165_200,
    following: 274,
    verified: false,
  },
];

/** The demo creators to try in demo mode (README, tests). */
export const DEMO_CREATORS: readonly DemoCreator[] = DEMO_CREATOR_SEEDS.map((c) => ({
  username: c.username,
  nickname: c.nickname,
  niche: c.niche,
  hashtags: NICHE_SEEDS[c.niche].tags,
}));
