import { ComingSoon } from '../kit/ComingSoon';

export default function GroupsAdmin() {
  return <ComingSoon section="groups" />;
}
