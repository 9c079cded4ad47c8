import { RuleListAdmin } from './RuleListAdmin';

export default function AutomationsAdmin() {
  return <RuleListAdmin table="automations" />;
}
