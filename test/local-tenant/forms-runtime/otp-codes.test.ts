import { OTP_TTL_SECONDS } from '../../../local-tenant/forms-runtime/limits';
import { generateCode, memoryOtpStore, verifyCode } from '../../../local-tenant/forms-runtime/otp-codes';
import { DefinitionError } from '../../../local-tenant/forms-runtime/unsupported';

const T0 = Date.parse('2026-11-21T09:00:00Z');
const digits = (sequence: number[]) => () => sequence.shift() ?? 0;

test('the validity is the documented 5 minutes', () => {
  expect(OTP_TTL_SECONDS).toBe(300);
});

test('a code verifies VALID until 5 minutes have passed, then EXPIRED', () => {
  const store = memoryOtpStore();
  const { code } = generateCode(store, { reference: 'r', length: 6 }, T0, digits([0, 1, 2, 3, 4, 5]));
  expect(code).toBe('012345');
  expect(verifyCode(store, { reference: 'r', code: '012345' }, T0 + 299_999)).toEqual({ valid: true, result: 'VALID' });
  expect(verifyCode(store, { reference: 'r', code: '012345' }, T0 + 300_000)).toEqual({
    valid: false,
    result: 'EXPIRED',
  });
  expect(verifyCode(store, { reference: 'r', code: '999999' }, T0 + 300_000)).toEqual({
    valid: false,
    result: 'EXPIRED',
  });
});

test('UNEQUAL for another code, MISSING for another reference; a number loses nothing it should not', () => {
  const store = memoryOtpStore();
  generateCode(store, { reference: 'user|a@x.io|journey|x', length: 6 }, T0, digits([1, 2, 3, 4, 5, 6]));
  expect(verifyCode(store, { reference: 'user|a@x.io|journey|x', code: '123457' }, T0)).toEqual({
    valid: false,
    result: 'UNEQUAL',
  });
  expect(verifyCode(store, { reference: 'user|a@x.io|journey|xx', code: '123456' }, T0)).toEqual({
    valid: false,
    result: 'MISSING',
  });
  expect(verifyCode(store, { reference: 'user|a@x.io|journey|x', code: 123456 }, T0)).toEqual({
    valid: true,
    result: 'VALID',
  });
});

test('verifying does not consume a code (nothing documents that it would); a new code replaces the old one', () => {
  const store = memoryOtpStore();
  generateCode(store, { reference: 'r', length: 6 }, T0, digits([1, 1, 1, 1, 1, 1]));
  expect(verifyCode(store, { reference: 'r', code: '111111' }, T0).valid).toBe(true);
  expect(verifyCode(store, { reference: 'r', code: '111111' }, T0).valid).toBe(true);
  generateCode(store, { reference: 'r', length: 6 }, T0, digits([2, 2, 2, 2, 2, 2]));
  expect(verifyCode(store, { reference: 'r', code: '111111' }, T0).result).toBe('UNEQUAL');
  expect(verifyCode(store, { reference: 'r', code: '222222' }, T0).result).toBe('VALID');
});

test('the store keeps no code in clear', () => {
  const saved: unknown[] = [];
  const store = { ...memoryOtpStore(), set: (_reference: string, otp: unknown) => void saved.push(otp) };
  generateCode(store, { reference: 'r', length: 6 }, T0, digits([9, 8, 7, 6, 5, 4]));
  expect(JSON.stringify(saved)).not.toContain('987654');
});

test('bad params say what is wrong', () => {
  const store = memoryOtpStore();
  expect(() => generateCode(store, { reference: '', length: 6 }, T0, digits([]))).toThrow(
    new DefinitionError('OTP/GENERATE_CODE: params.reference must be a non-empty string, got ""'),
  );
  expect(() => generateCode(store, { reference: 'r', length: '6' }, T0, digits([]))).toThrow(
    /params.length must be a whole number from 4 to 10, got "6"/,
  );
  expect(() => verifyCode(store, { code: '1' }, T0)).toThrow(/OTP\/VERIFY_CODE: params.reference/);
});
