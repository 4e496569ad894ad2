/** `.env` is read when present, except under test, where each test sets its own environment. */
export const ENV_FILE_OPTIONS = process.env.NODE_ENV === 'test' ? { ignoreEnvFile: true } : {};
