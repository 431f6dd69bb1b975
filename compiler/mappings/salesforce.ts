/**
 * `import "leadscore:salesforce"`: the standard fields of a Salesforce Lead, by the labels of a
 * report or Data Export and by their API names; and the activity type names of Account
 * Engagement (Pardot) prospect activities.
 */
export const salesforceMapping = `# Salesforce: Lead field labels and API names.
field id from "Lead ID", "Id", "LeadId"
field email from "Email"
field first_name from "First Name", "FirstName"
field last_name from "Last Name", "LastName"
field title from "Title"
field company from "Company", "Company / Account"
field industry from "Industry"
field employees from "No. of Employees", "NumberOfEmployees", "Employees"
field revenue from "Annual Revenue", "AnnualRevenue"
field country from "Country", "Country Code", "CountryCode"
field phone from "Phone"
field website from "Website"
field source from "Lead Source", "LeadSource"

# Events: prospect activities of Account Engagement, or tasks and campaign activity exported by lead.
events lead_id from "Lead ID", "LeadId", "WhoId", "Prospect ID"
events type from "Activity Type", "Type", "ActivityType"
events name from "Activity Name", "Subject", "Details"
events at from "Created Date", "CreatedDate", "Activity Date", "ActivityDate"

event open email from "Email Open", "Email Opened"
event click email from "Email Click", "Email Tracker Click", "Email Link Clicked"
event reply email from "Email Reply", "Email Replied"
event bounce email from "Email Bounced", "Email Bounce"
event visit page from "Page View", "Visit", "Visitor Page View"
event submit form from "Form Submission", "Form Success", "Form Handler Success"
event register webinar from "Webinar Registered", "Webinar Registration"
event attend webinar from "Webinar Attended", "Webinar Attendance"
event unsubscribe from "Email Unsubscribe", "Unsubscribe", "Opted Out"
`;
