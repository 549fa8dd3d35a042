import { describe, expect, it } from 'vitest';
import { getIndicator, INDICATORS, SDG_INDICATOR_CODES } from './indicators.ts';

describe('getIndicator', () => {
  it('finds an indicator by id, by the SDG code users think in, or by its series code', () => {
    expect(getIndicator('neet').id).toBe('neet');
    expect(getIndicator('8.6.1').id).toBe('neet');
    expect(getIndicator(' 8.5.2 ').id).toBe('unemployment-rate');
    expect(getIndicator('4.5.1').id).toBe('attendance-parity');
    expect(getIndicator('sl_tlf_uem').id).toBe('unemployment-rate');
    expect(getIndicator('MIGOV_ATTEND_RATE').id).toBe('attendance-rate');
  });

  it('maps each SDG code to an indicator of that SDG code', () => {
    for (const [code, id] of Object.entries(SDG_INDICATOR_CODES)) expect(INDICATORS[id].sdg).toBe(code);
  });

  it('names the ids and SDG codes when nothing matches', () => {
    expect(() => getIndicator('10.7.2')).toThrow(
      /invalid indicator: 10\.7\.2 \(known: neet, unemployment-rate, attendance-rate, attendance-parity; SDG codes 8\.6\.1 \(neet\), 8\.5\.2 \(unemployment-rate\), 4\.5\.1 \(attendance-parity\); or a series code\)/,
    );
  });
});
