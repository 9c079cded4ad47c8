import { ComingSoon } from '../kit/ComingSoon';

export default function ImportAdmin() {
  return <ComingSoon section="import" />;
}
