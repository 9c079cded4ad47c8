import { RuleListAdmin } from './RuleListAdmin';

export default function TriggersAdmin() {
  return <RuleListAdmin table="triggers" />;
}
