//! Social-media accounts monitored by a study (the second strand: managers'
//! Instagram and X pages). Posts are documents; an account holds what the
//! indices need beyond the posts: followers and the monitoring period.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One monitored page. `network` and `account` together name it; networks
/// are compared without regard to case (`X` and `x` are one network).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub network: String,
    pub account: String,
    /// Such as council or executive.
    pub role: String,
    pub followers: u64,
    /// The monitoring period, both ends included.
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
}

impl Account {
    /// Does this account have this network and name?
    pub fn is(&self, network: &str, account: &str) -> bool {
        same_network(&self.network, network) && self.account == account.trim()
    }

    /// Days in the monitoring period, both ends included.
    pub fn days(&self) -> i64 {
        (self.period_end - self.period_start).num_days() + 1
    }

    pub fn covers(&self, day: NaiveDate) -> bool {
        self.period_start <= day && day <= self.period_end
    }
}

/// Network names as a person writes them: case and outer spaces do not
/// matter.
pub fn same_network(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl super::Project {
    pub fn account(&self, network: &str, account: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.is(network, account))
    }
}
