import { expect, test } from "vitest";
import { withCreditCheck } from "~/seed/factories.server";
import { isValidCreditCode, isValidIdNumber, maskIdNumber } from "~/domain/membership/validators";
import { isOverdue, workingDaysBetween } from "~/domain/membership/working-days";

// Codes published on the companies' business licences / the national enterprise credit system.
const PUBLISHED_CODES = [
  "91440300708461136T", // 腾讯科技（深圳）有限公司
  "914403001922038216", // 华为技术有限公司
  "91330100716105852F", // 阿里巴巴（中国）有限公司
  "91110000802100433B", // 北京百度网讯科技有限公司
  "91110108558521630L", // 小米科技有限责任公司
];
const CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

test("published unified social credit codes pass the GB 32100-2015 check", () => {
  for (const code of PUBLISHED_CODES) expect(isValidCreditCode(code), code).toBe(true);
  expect(isValidCreditCode(" 91440300708461136t ")).toBe(true); // pasted with spaces, lower case
});

test("changing any single character of a published code is caught", () => {
  for (const code of PUBLISHED_CODES) {
    for (let i = 0; i < 18; i++) {
      for (const ch of CHARS) {
        if (ch === code[i]) continue;
        const corrupted = code.slice(0, i) + ch + code.slice(i + 1);
        expect(isValidCreditCode(corrupted), corrupted).toBe(false);
      }
    }
  }
});

test("credit codes with forbidden letters or the wrong length are refused", () => {
  expect(isValidCreditCode("91440300708461136")).toBe(false);
  expect(isValidCreditCode("91440300708461136TT")).toBe(false);
  expect(isValidCreditCode("9144030070846113IT")).toBe(false); // I is not in the character set
  expect(isValidCreditCode(withCreditCheck("91141027MA0K00002"))).toBe(true);
});

test("resident ID numbers: the GB 11643 sample passes, a wrong check digit or date fails", () => {
  expect(isValidIdNumber("11010519491231002X")).toBe(true);
  expect(isValidIdNumber("11010519491231002x")).toBe(true);
  expect(isValidIdNumber("110105194912310021")).toBe(false); // check digit
  expect(isValidIdNumber("110105194913310027")).toBe(false); // month 13
  expect(isValidIdNumber("1101051949123100")).toBe(false);
});

test("ID numbers are only ever shown as their last 4 characters", () => {
  expect(maskIdNumber("14102319880314123X")).toBe("**************123X");
  expect(maskIdNumber("123X")).toBe("**************123X");
  expect(maskIdNumber(null)).toBeNull();
});

test("working days count Monday to Friday in Beijing time", () => {
  // Mon 2026-11-02 09:00 Beijing → Mon 2026-11-23: 15 working days.
  const monday = new Date("2026-11-02T09:00:00+08:00");
  expect(workingDaysBetween(monday, new Date("2026-11-06T18:00:00+08:00"))).toBe(4);
  expect(workingDaysBetween(monday, new Date("2026-11-09T08:00:00+08:00"))).toBe(5); // the weekend does not count
  expect(workingDaysBetween(monday, new Date("2026-11-23T10:00:00+08:00"))).toBe(15);
  expect(isOverdue(monday, new Date("2026-11-23T10:00:00+08:00"))).toBe(false);
  expect(isOverdue(monday, new Date("2026-11-24T10:00:00+08:00"))).toBe(true);
  // 23:30 UTC on Sunday is already Monday in Beijing.
  expect(workingDaysBetween(new Date("2026-11-06T10:00:00+08:00"), new Date("2026-11-08T23:30:00Z"))).toBe(1);
});
