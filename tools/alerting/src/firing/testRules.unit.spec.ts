import { parse } from 'yaml';
import { readAlertRules, type AlertRule } from '../alertRules';
import { rulesWithShortFor } from './testRules';

describe("the firing test's copy of the alert rules", () => {
  const deployed = readAlertRules();
  const copy = (parse(rulesWithShortFor('2s')) as { groups: Array<{ rules: AlertRule[] }> }).groups.flatMap(
    (group) => group.rules,
  );

  it('has every deployed alert with the same expression, labels and annotations', () => {
    expect(copy.map(({ for: _for, ...rule }) => rule)).toEqual(deployed.map(({ for: _for, ...rule }) => rule));
  });

  it("cuts every rule's for: and adds none where the deployed rule fires at once", () => {
    expect(copy.map((rule) => rule.for)).toEqual(deployed.map((rule) => (rule.for === undefined ? undefined : '2s')));
    expect(deployed.some((rule) => rule.for !== undefined && rule.for !== '2s')).toBe(true);
  });
});
