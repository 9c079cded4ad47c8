import { ComingSoon } from '../kit/ComingSoon';

export default function TriggersAdmin() {
  return <ComingSoon section="triggers" />;
}
