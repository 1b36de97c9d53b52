import type { EscalationSettings } from '../settings';

/** The escalation rules' settings, one field per rule. */
export type EscalationRuleSettings = EscalationSettings['rules'];
/** The name of one rule's setting (`angerThreshold`, `legalThreats`, …). */
export type EscalationRuleKey = keyof EscalationRuleSettings;

/**
 * The escalation rules a team starts with. In a module of their own (no storage import) so Node scripts — the
 * conversation challenge set's harness — read the same defaults the extension ships.
 */
export const defaultEscalationRules: EscalationRuleSettings = {
  angerThreshold: 0.6,
  frustrationThreshold: 0.7,
  worseningWindow: 3,
  abusive: true,
  legalThreats: true,
  chargebackThreats: true,
  cancellationThreats: true,
  criticalUrgency: true,
  repeatedContactCount: 3,
  vipCustomers: [],
};

function isRuleKey(key: string): key is EscalationRuleKey {
  return key in defaultEscalationRules;
}

/**
 * Every rule's key, in the order of the defaults above: the one list the settings page, the policy lock and the tests
 * walk, so a new rule is added in the settings type and its default, not in further hand-kept lists.
 */
export const escalationRuleKeys: readonly EscalationRuleKey[] = Object.keys(defaultEscalationRules).filter(isRuleKey);
