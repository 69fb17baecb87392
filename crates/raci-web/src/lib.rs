//! The web pages of `raci serve`.
