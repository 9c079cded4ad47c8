import { ComingSoon } from '../kit/ComingSoon';

export default function SchedulesAdmin() {
  return <ComingSoon section="schedules" />;
}
