import {
  defaultEscalationRules,
  type EscalationRuleKey,
  type EscalationRuleSettings,
  escalationRuleKeys,
} from '../lib/escalation/default-rules';
import type { MessageKey } from '../lib/i18n';
import { EscalationCheck, EscalationField, EscalationFieldset, EscalationNumberField } from './EscalationFieldset';

type NumberRuleKey = {
  [K in EscalationRuleKey]: EscalationRuleSettings[K] extends number ? K : never;
}[EscalationRuleKey];
type SwitchRuleKey = {
  [K in EscalationRuleKey]: EscalationRuleSettings[K] extends boolean ? K : never;
}[EscalationRuleKey];

/** How the form shows each rule; the type makes a rule without a field a compile error. */
const ruleFields: {
  [K in EscalationRuleKey]: K extends NumberRuleKey
    ? { label: MessageKey; unit: 'percent' | 'count' }
    : { label: MessageKey };
} = {
  angerThreshold: { label: 'escalationSettings.anger', unit: 'percent' },
  frustrationThreshold: { label: 'escalationSettings.frustration', unit: 'percent' },
  worseningWindow: { label: 'escalationSettings.worsening', unit: 'count' },
  abusive: { label: 'escalationSettings.abusive' },
  legalThreats: { label: 'escalationSettings.legal' },
  chargebackThreats: { label: 'escalationSettings.chargeback' },
  cancellationThreats: { label: 'escalationSettings.cancellation' },
  criticalUrgency: { label: 'escalationSettings.critical' },
  repeatedContactCount: { label: 'escalationSettings.repeated', unit: 'count' },
  vipCustomers: { label: 'escalationSettings.vip' },
};

function isNumberRule(key: EscalationRuleKey): key is NumberRuleKey {
  return typeof defaultEscalationRules[key] === 'number';
}

function isSwitchRule(key: EscalationRuleKey): key is SwitchRuleKey {
  return typeof defaultEscalationRules[key] === 'boolean';
}

const numberRules = escalationRuleKeys.filter(isNumberRule);
const switchRules = escalationRuleKeys.filter(isSwitchRule);

const percent = (value: number) => Math.round(value * 100);
const fromPercent = (text: string) => Math.min(1, Math.max(0, Number(text) / 100 || 0));
const count = (text: string) => Math.min(50, Math.max(0, Math.round(Number(text) || 0)));

/**
 * When to recommend escalating: thresholds and counts, the switches, and the VIP list (typed as text, one per line).
 * Every rule comes from `escalationRuleKeys`; fields the policy locks are read-only.
 */
export function EscalationRulesFieldset({
  rules,
  vip,
  isLocked,
  onRule,
  onVip,
}: {
  rules: EscalationRuleSettings;
  vip: string;
  isLocked: (key: EscalationRuleKey) => boolean;
  onRule: <K extends EscalationRuleKey>(key: K, value: EscalationRuleSettings[K]) => void;
  onVip: (text: string) => void;
}) {
  return (
    <EscalationFieldset legend="escalationSettings.rules">
      <div className="grid">
        {numberRules.map((key) => {
          const { label, unit } = ruleFields[key];
          return (
            <EscalationNumberField
              key={key}
              label={label}
              locked={isLocked(key)}
              min={0}
              max={unit === 'percent' ? 100 : 20}
              step={unit === 'percent' ? 5 : undefined}
              value={unit === 'percent' ? percent(rules[key]) : rules[key]}
              onChange={(text) => onRule(key, unit === 'percent' ? fromPercent(text) : count(text))}
            />
          );
        })}
      </div>
      <div className="grid">
        {switchRules.map((key) => (
          <EscalationCheck
            key={key}
            label={ruleFields[key].label}
            checked={rules[key]}
            locked={isLocked(key)}
            onChange={(checked) => onRule(key, checked)}
          />
        ))}
      </div>
      <EscalationField label={ruleFields.vipCustomers.label} locked={isLocked('vipCustomers')}>
        <textarea
          rows={3}
          value={vip}
          disabled={isLocked('vipCustomers')}
          placeholder={'ceo@bigcustomer.com\nbigcustomer.com'}
          onChange={(event) => onVip(event.target.value)}
        />
      </EscalationField>
    </EscalationFieldset>
  );
}
