import type { EscalationSettings } from '../settings';

/**
 * The escalation rules a team starts with. In a module of their own (no storage import) so Node scripts — the
 * conversation challenge set's harness — read the same defaults the extension ships.
 */
export const defaultEscalationRules: EscalationSettings['rules'] = {
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
