import { ComingSoon } from '../kit/ComingSoon';

export default function SlaAdmin() {
  return <ComingSoon section="sla" />;
}
