import { ComingSoon } from '../kit/ComingSoon';

export default function ViewsAdmin() {
  return <ComingSoon section="views" />;
}
