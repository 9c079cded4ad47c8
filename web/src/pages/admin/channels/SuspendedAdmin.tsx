import { ComingSoon } from '../kit/ComingSoon';

export default function SuspendedAdmin() {
  return <ComingSoon section="suspended" />;
}
