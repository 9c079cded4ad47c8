import { ComingSoon } from '../kit/ComingSoon';

export default function RolesAdmin() {
  return <ComingSoon section="roles" />;
}
