//! Citrix NetScaler ADC / Gateway: verdicts on inputs in the vendor's real syntax (issue 22).
