/**
 * `import "leadscore:hubspot"`: HubSpot's standard contact properties, by the labels of a
 * contact export and by their internal (API) names, as webhooks and the CRM API send them;
 * and HubSpot's event type names.
 */
export const hubspotMapping = `# HubSpot: contact export labels and internal property names.
field id from "Record ID", "hs_object_id", "vid"
field email from "Email", "email"
field domain from "Email Domain", "hs_email_domain"
field first_name from "First Name", "firstname"
field last_name from "Last Name", "lastname"
field title from "Job Title", "jobtitle"
field company from "Company Name", "company"
field industry from "Industry", "industry"
field employees from "Number of Employees", "numemployees", "numberofemployees"
field revenue from "Annual Revenue", "annualrevenue"
field country from "Country/Region", "country"
field phone from "Phone Number", "phone"
field website from "Website URL", "website"
field source from "Original Source", "hs_analytics_source"

# Events: an export of contact activity, or events sent by a workflow or webhook.
events lead_id from "Contact ID", "contactId", "objectId"
events type from "Event Type", "eventType", "activityType"
events name from "Event Name", "eventName", "Name"
events at from "Timestamp", "occurredAt", "Event Date"

event open email from "Email Open", "EMAIL_OPEN", "Marketing email opened"
event click email from "Email Click", "EMAIL_CLICK", "Marketing email clicked"
event reply email from "Email Reply", "EMAIL_REPLY"
event bounce email from "Email Bounce", "EMAIL_BOUNCE"
event visit page from "Page View", "PAGE_VIEW", "Pageview"
event submit form from "Form Submission", "FORM_SUBMISSION", "Form submitted"
event register webinar from "Webinar Registration", "WEBINAR_REGISTRATION"
event attend webinar from "Webinar Attendance", "WEBINAR_ATTENDANCE"
event unsubscribe from "Unsubscribed", "UNSUBSCRIBED", "Email Unsubscribe"
`;
