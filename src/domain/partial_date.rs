//! Partial dates as profiles show them: a year, a year and month, or a full day.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Ordering compares the earliest day each could mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; rejects impossible months and days.
    pub fn parse(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text.split('-').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [y] if digits(y, 4) => Some(Self { year: y.parse().ok()?, month: None, day: None }),
            [y, m] if digits(y, 4) && digits(m, 2) => {
                let month: u32 = m.parse().ok()?;
                (1..=12).contains(&month).then_some(Self { year: y.parse().ok()?, month: Some(month), day: None })
            }
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
                let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
                NaiveDate::from_ymd_opt(year, month, day)?;
                Some(Self { year, month: Some(month), day: Some(day) })
            }
            _ => None,
        }
    }

    /// The first day this date could mean.
    pub fn earliest(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(NaiveDate::MIN)
    }

    /// The last day this date could mean.
    pub fn latest(&self) -> NaiveDate {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MAX),
            (Some(m), None) => {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(self.year, m + 1, 1)
                };
                next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    /// The middle of the range, for durations where the precision is unknown.
    pub fn midpoint(&self) -> NaiveDate {
        let a = self.earliest();
        let b = self.latest();
        a + (b - a) / 2
    }

    pub fn from_date(d: NaiveDate) -> Self {
        Self { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PartialDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("not a partial date (YYYY, YYYY-MM or YYYY-MM-DD): {text:?}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions_and_rejects_the_rest() {
        assert_eq!(PartialDate::parse("2026").unwrap().to_string(), "2026");
        assert_eq!(PartialDate::parse("2026-08").unwrap().to_string(), "2026-08");
        assert_eq!(PartialDate::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in ["2026-13", "2025-02-29", "26", "2026-8", "2026/08", "", "2026-08-01-01", "２０２６"] {
            assert!(PartialDate::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn ranges_cover_the_whole_period() {
        let d = PartialDate::parse("2024-02").unwrap();
        assert_eq!(d.earliest().to_string(), "2024-02-01");
        assert_eq!(d.latest().to_string(), "2024-02-29");
        let y = PartialDate::parse("2019").unwrap();
        assert_eq!(y.latest().to_string(), "2019-12-31");
    }
}
