export type SlaMetricName = 'first_response' | 'resolution';
export type ClockStateName = 'active' | 'paused' | 'fulfilled' | 'breached';
