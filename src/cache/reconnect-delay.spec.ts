import { reconnectDelay } from './reconnect-delay';

describe('reconnectDelay', () => {
  it('grows exponentially and stays within [half, full] of the step', () => {
    expect(reconnectDelay(0, () => 0)).toBe(50);
    expect(reconnectDelay(0, () => 1)).toBe(100);
    expect(reconnectDelay(3, () => 1)).toBe(800);
  });

  it('is capped and always a number, however many retries', () => {
    expect(reconnectDelay(10, () => 1)).toBe(5_000);
    expect(reconnectDelay(10_000, () => 0.5)).toBe(3_750);
  });
});
