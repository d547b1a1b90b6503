// The SLA engine's public entry: business-hours arithmetic that other code and tests rely on.
export { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from './calendar';
